import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-C_P0klXE.js";import{n as i,o as a,r as o,u as s}from"./usePageTitle-DsUT9t6L.js";import{t as c}from"./audience-D9BouUUZ.js";var l=e(t(),1),u=n(),d=a(`
  query AudienceOptions {
    channels(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
    territories(first: 100) {
      edges {
        node {
          id
          name
          region
        }
      }
    }
  }
`),f=a(`
  query AudienceDealerSearch($q: String) {
    dealers(where: { nameContainsFold: $q }, orderBy: { field: NAME }, first: 10) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
  }
`),p={all:!0,channels:[],tiers:[],territories:[],dealers:[]};function m(e){return{all:e.all,channels:e.channels,tiers:e.tiers,territories:e.territories,dealers:e.dealers}}function h(e){return e.all?{all:!0}:{all:!1,channelIDs:e.channels.map(e=>e.id),tiers:e.tiers,territoryIDs:e.territories.map(e=>e.id),dealerIDs:e.dealers.map(e=>e.id)}}function g(e){return o(e.field).name.split(`.`)[0]===`audience`}function _(e,t,n){return t.filter(g).map(t=>t.code===`INVALID_INPUT`?n??e(`errors.field.audience`):t.code===`FORBIDDEN`?e(`audience.picker.forbidden`):t.code===`NOT_FOUND`?e(`audience.picker.notFound`):i(e,t))[0]}function v(e,t,n){return e.some(e=>n(e,t))?e.filter(e=>!n(e,t)):[...e,t]}function y({value:e,onChange:t,error:n,legend:i}){let{t:a,i18n:o}=r(),p=(0,l.useId)(),[{data:m}]=s({query:d}),[h,g]=(0,l.useState)(``),[{data:_}]=s({query:f,variables:{q:h},pause:h.trim().length<2}),y=(m?.channels.edges??[]).flatMap(e=>e?.node?[e.node]:[]),b=(m?.territories.edges??[]).flatMap(e=>e?.node?[e.node]:[]),x=(_?.dealers.edges??[]).flatMap(e=>e?.node?[e.node]:[]),S=(e,t)=>e.id===t.id,C=n=>t({...e,...n});return(0,u.jsxs)(`fieldset`,{className:`audience-picker`,children:[(0,u.jsx)(`legend`,{children:i??a(`audience.picker.legend`)}),(0,u.jsxs)(`label`,{className:`check`,children:[(0,u.jsx)(`input`,{type:`radio`,name:`audience-mode`,value:`all`,checked:e.all,onChange:()=>C({all:!0})}),` `,a(`audience.all`)]}),(0,u.jsxs)(`label`,{className:`check`,children:[(0,u.jsx)(`input`,{type:`radio`,name:`audience-mode`,value:`choose`,checked:!e.all,onChange:()=>C({all:!1})}),` `,a(`audience.picker.choose`)]}),!e.all&&(0,u.jsxs)(`div`,{className:`audience-dimensions`,children:[(0,u.jsxs)(`fieldset`,{children:[(0,u.jsx)(`legend`,{children:a(`audience.picker.channels`)}),y.map(t=>(0,u.jsxs)(`label`,{className:`check`,children:[(0,u.jsx)(`input`,{type:`checkbox`,"data-channel":t.name,checked:e.channels.some(e=>e.id===t.id),onChange:()=>C({channels:v(e.channels,t,S)})}),` `,t.name]},t.id))]}),(0,u.jsxs)(`fieldset`,{children:[(0,u.jsx)(`legend`,{children:a(`audience.picker.tiers`)}),[1,2].map(t=>(0,u.jsxs)(`label`,{className:`check`,children:[(0,u.jsx)(`input`,{type:`checkbox`,"data-tier":t,checked:e.tiers.includes(t),onChange:()=>C({tiers:v(e.tiers,t,(e,t)=>e===t)})}),` `,a(`tier.${t}`)]},t))]}),(0,u.jsxs)(`fieldset`,{children:[(0,u.jsx)(`legend`,{children:a(`audience.picker.territories`)}),b.map(t=>(0,u.jsxs)(`label`,{className:`check`,children:[(0,u.jsx)(`input`,{type:`checkbox`,"data-territory":t.name,checked:e.territories.some(e=>e.id===t.id),onChange:()=>C({territories:v(e.territories,t,S)})}),` `,t.name,` `,(0,u.jsxs)(`span`,{className:`muted`,children:[`(`,t.region,`)`]})]},t.id))]}),(0,u.jsxs)(`fieldset`,{children:[(0,u.jsx)(`legend`,{children:a(`audience.picker.namedDealers`)}),e.dealers.length>0&&(0,u.jsx)(`ul`,{className:`chips`,children:e.dealers.map(t=>(0,u.jsxs)(`li`,{children:[t.name,` `,(0,u.jsx)(`button`,{type:`button`,className:`button button-quiet`,"aria-label":a(`audience.picker.removeDealer`,{name:t.name}),onClick:()=>C({dealers:e.dealers.filter(e=>e.id!==t.id)}),children:`×`})]},t.id))}),(0,u.jsx)(`label`,{htmlFor:p,children:a(`audience.picker.findDealer`)}),(0,u.jsx)(`input`,{id:p,type:`search`,value:h,onChange:e=>g(e.target.value)}),x.length>0&&(0,u.jsx)(`ul`,{className:`links dealer-candidates`,children:x.filter(t=>!e.dealers.some(e=>e.id===t.id)).map(t=>(0,u.jsx)(`li`,{children:(0,u.jsxs)(`button`,{type:`button`,className:`button button-quiet`,"data-dealer":t.name,onClick:()=>C({dealers:[...e.dealers,{id:t.id,name:t.name}]}),children:[`+ `,t.name,` `,(0,u.jsx)(`span`,{className:`muted mono`,children:t.code})]})},t.id))})]})]}),(0,u.jsxs)(`p`,{className:`audience-summary`,children:[a(`audience.picker.appliesTo`),` `,(0,u.jsx)(`strong`,{children:c(a,e,o.language===`zh`?`zh-CN`:`en`)})]}),n&&(0,u.jsx)(`p`,{className:`field-error`,role:`alert`,children:n})]})}export{p as a,h as i,m as n,g as o,_ as r,y as t};