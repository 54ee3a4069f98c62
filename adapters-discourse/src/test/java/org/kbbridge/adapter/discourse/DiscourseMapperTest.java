package org.kbbridge.adapter.discourse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kbbridge.domain.source.SourceCategory;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.domain.source.SourceTag;
import org.kbbridge.domain.source.SourceTopic;
import org.kbbridge.domain.source.SourceUser;
import org.kbbridge.port.out.TopicListPage;

class DiscourseMapperTest {

    @Test
    void an_old_latest_list_with_more_topics_url_has_more_and_names_the_original_poster() {
        TopicListPage page = DiscourseMapper.topicList(SharedData.json("discourse_api__latest.json"));

        assertThat(page.hasMore()).isTrue();
        assertThat(page.topics()).hasSize(3);
        SourceTopic first = page.topics().get(0);
        assertThat(first.title()).isEqualTo("Test topic #1");
        assertThat(first.createdBy()).isEqualTo(new SourceUser(1, "test_users", null));
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2013-02-04T20:26:25.977Z"));
        assertThat(first.bumpedAt()).isEqualTo(Instant.parse("2013-02-07T18:43:11.191Z"));
        assertThat(first.categoryId()).isEqualTo(1L);
        assertThat(first.tags()).isEmpty();
        assertThat(first.archetype()).isEqualTo("regular");
        assertThat(first.views()).isEqualTo(268);
        assertThat(first.likeCount()).isEqualTo(14);
        assertThat(first.json()).contains("\"Test topic #1\"");
    }

    @Test
    void a_list_without_more_topics_url_is_the_last_page_whatever_per_page_says() {
        TopicListPage page = DiscourseMapper.topicList(
                SharedData.json("discourse_api_docs__responses__topics_latest_topics_response.json"));

        assertThat(page.hasMore()).isFalse();
        assertThat(page.topics()).isNotEmpty();
        assertThat(page.topics().get(0).createdBy().username()).isEqualTo("discourse1");
    }

    @Test
    void a_category_list_maps_like_the_latest_list() {
        TopicListPage page = DiscourseMapper.topicList(SharedData.json("discourse_api__category_latest_topics.json"));

        assertThat(page.topics()).isNotEmpty().allSatisfy(topic -> assertThat(topic.id()).isPositive());
    }

    @Test
    void a_topic_view_takes_its_creator_from_details_and_has_no_bumped_at() {
        JsonNode view = SharedData.json("discourse_api__topic.json");

        SourceTopic topic = DiscourseMapper.viewTopic(view);

        assertThat(topic.id()).isEqualTo(57);
        assertThat(topic.createdBy()).isEqualTo(new SourceUser(15, "samsaffron", null));
        assertThat(topic.bumpedAt()).isNull();
        assertThat(topic.categoryId()).isEqualTo(13L);
        assertThat(topic.json()).doesNotContain("post_stream");
        assertThat(topic.hasAcceptedAnswer()).isFalse();
        assertThat(topic.acceptedAnswerPostNumber()).isNull();
    }

    @Test
    void topic_view_posts_carry_the_topic_category() {
        List<SourcePost> posts = DiscourseMapper.posts(SharedData.json("discourse_api__topic.json"), 13L);

        assertThat(posts).extracting(SourcePost::id).containsExactly(83L, 84L, 86L, 226L);
        assertThat(posts).allSatisfy(post -> assertThat(post.categoryId()).isEqualTo(13L));
        assertThat(posts.get(0).isFirstPost()).isTrue();
    }

    @Test
    void posts_by_id_read_likes_from_actions_summary_and_drop_a_raw_that_is_not_text() {
        List<SourcePost> posts = DiscourseMapper.posts(SharedData.json("discourse_api__topic_posts.json"), 7L);

        assertThat(posts).hasSize(1);
        SourcePost post = posts.get(0);
        assertThat(post.id()).isEqualTo(123456);
        assertThat(post.topicId()).isEqualTo(57);
        assertThat(post.postNumber()).isEqualTo(2);
        assertThat(post.likeCount()).isEqualTo(3);
        assertThat(post.acceptedAnswer()).isFalse();
        assertThat(post.raw()).isNull();
        assertThat(post.author()).isEqualTo(new SourceUser(123, "Some-username", "Someones Name"));
    }

    @Test
    void latest_posts_before_is_inclusive_newest_first_with_raw_and_null_names() {
        List<SourcePost> posts = DiscourseMapper.latestPosts(SharedData.json("discourse_api__posts_before.json"));

        assertThat(posts).extracting(SourcePost::id).containsExactly(14L, 10L, 2L);
        SourcePost first = posts.get(0);
        assertThat(first.raw()).isEqualTo("hi there.  hi there.  hi there.");
        assertThat(first.author().name()).isNull();
        assertThat(first.author().username()).isEqualTo("johndoe");
        assertThat(first.categoryId()).isEqualTo(1L);
        assertThat(first.topicSlug()).isEqualTo("this-is-an-uncategorized-title");
        assertThat(first.replyToPostNumber()).isNull();
        assertThat(first.postType()).isEqualTo(SourcePost.REGULAR);
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2020-01-25T00:58:35.475Z"));
        assertThat(DiscourseMapper.latestPosts(SharedData.json("discourse_api__posts_latest.json")))
                .extracting(SourcePost::id).containsExactly(15L, 14L, 10L, 2L);
    }

    @Test
    void tags_come_as_strings_or_as_objects() {
        JsonNode strings = SharedData.parse("{\"id\":1,\"tags\":[\"howto\",\"faq\"]}");
        JsonNode objects = SharedData.parse(
                "{\"id\":1,\"tags\":[{\"id\":4,\"name\":\"howto\",\"slug\":\"howto\"},{\"id\":9,\"name\":\"faq\",\"slug\":\"faq\"}]}");

        assertThat(DiscourseMapper.viewTopic(strings).tags()).containsExactly("howto", "faq");
        assertThat(DiscourseMapper.viewTopic(objects).tags()).containsExactly("howto", "faq");
    }

    @Test
    void solved_accepted_answer_as_object_or_as_array_and_on_posts_as_boolean() {
        JsonNode plugin = SharedData.parse("{\"id\":1,\"accepted_answer\":{\"post_number\":3,\"username\":\"a\"}}");
        JsonNode core = SharedData.parse(
                "{\"id\":1,\"has_accepted_answer\":true,\"accepted_answers\":[{\"id\":77,\"post_number\":5}]}");
        JsonNode none = SharedData.parse("{\"id\":1,\"has_accepted_answer\":false}");
        JsonNode post = SharedData.parse("{\"id\":77,\"topic_id\":1,\"post_number\":5,\"accepted_answer\":true}");

        assertThat(DiscourseMapper.viewTopic(plugin).acceptedAnswerPostNumber()).isEqualTo(3);
        assertThat(DiscourseMapper.viewTopic(plugin).hasAcceptedAnswer()).isTrue();
        assertThat(DiscourseMapper.viewTopic(core).acceptedAnswerPostNumber()).isEqualTo(5);
        assertThat(DiscourseMapper.viewTopic(none).hasAcceptedAnswer()).isFalse();
        assertThat(DiscourseMapper.post(post, null).acceptedAnswer()).isTrue();
    }

    @Test
    void about_stats_under_current_and_old_names() {
        assertThat(DiscourseMapper.stats(SharedData.parse(
                "{\"about\":{\"stats\":{\"topics_count\":12,\"posts_count\":340,\"users_count\":3}}}")))
                .isEqualTo(new org.kbbridge.domain.source.ForumStats(12, 340));
        assertThat(DiscourseMapper.stats(SharedData.parse("{\"about\":{\"stats\":{\"topic_count\":7,\"post_count\":70}}}")))
                .isEqualTo(new org.kbbridge.domain.source.ForumStats(7, 70));
    }

    @Test
    void site_categories_are_flat_with_parents_and_restriction() {
        List<SourceCategory> categories = DiscourseMapper.categories(SharedData.parse("""
                {"categories":[
                  {"id":1,"name":"Support","slug":"support","position":0,"topic_count":4,
                   "description_text":"Ask here","read_restricted":false,"unknown":{"x":1}},
                  {"id":5,"name":"Staff","slug":"staff","parent_category_id":1,"read_restricted":true,"position":3}
                ],"post_types":{"regular":1}}"""));

        assertThat(categories).hasSize(2);
        assertThat(categories.get(0)).extracting(SourceCategory::name, SourceCategory::descriptionText,
                SourceCategory::parentId, SourceCategory::readRestricted, SourceCategory::topicCount)
                .containsExactly("Support", "Ask here", null, false, 4);
        assertThat(categories.get(1)).extracting(SourceCategory::parentId, SourceCategory::readRestricted,
                SourceCategory::position, SourceCategory::descriptionText).containsExactly(1L, true, 3, null);
        assertThat(categories.get(0).json()).contains("\"unknown\"");
    }

    @Test
    void tags_json_under_name_text_or_string_id() {
        List<SourceTag> tags = DiscourseMapper.tags(SharedData.parse("""
                {"tags":[
                  {"id":"old-style","text":"old-style","count":3,"pm_count":0,"target_tag":null},
                  {"id":12,"name":"new-style","slug":"new-style","description":"d","count":5},
                  {"id":13,"name":"alias","count":0,"target_tag":"new-style"}
                ],"extras":{"categories":[]}}"""));

        assertThat(tags).extracting(SourceTag::name).containsExactly("old-style", "new-style", "alias");
        assertThat(tags.get(1).description()).isEqualTo("d");
        assertThat(tags.get(1).count()).isEqualTo(5);
        assertThat(tags.get(2).targetTag()).isEqualTo("new-style");
        assertThat(tags.get(0).targetTag()).isNull();
    }

    @Test
    void the_current_user_of_a_session_or_of_a_user_page() {
        assertThat(DiscourseMapper.currentUser(SharedData.parse(
                "{\"current_user\":{\"id\":3,\"username\":\"sync-bot\",\"name\":null,\"admin\":true}}")))
                .isEqualTo(new SourceUser(3, "sync-bot", null));
        assertThat(DiscourseMapper.currentUser(SharedData.json("discourse_api__user.json"))).isNotNull();
        assertThat(DiscourseMapper.currentUser(SharedData.parse("{}"))).isNull();
    }
}
